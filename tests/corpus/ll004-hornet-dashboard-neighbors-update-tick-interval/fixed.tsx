import * as React from 'react';
import Container from 'react-bootstrap/Container';
import NodeStore from 'app/stores/NodeStore';
import { inject, observer } from 'mobx-react';

interface Props {
    nodeStore?: NodeStore;
}

@inject('nodeStore')
@observer
export class Neighbors extends React.Component<Props, any> {
    updateInterval: any;

    constructor(props: Readonly<Props>) {
        super(props);
        this.state = { topicsRegistered: false };
    }

    componentDidMount(): void {
        this.updateInterval = setInterval(() => this.updateTick(), 500);
        this.props.nodeStore.registerNeighborTopics();
    }

    componentWillUnmount(): void {
        clearInterval(this.updateInterval);
        this.props.nodeStore.unregisterNeighborTopics();
    }

    updateTick = () => {
        if (this.props.nodeStore.websocketConnected && !this.state.topicsRegistered) {
            this.props.nodeStore.registerNeighborTopics();
            this.setState({ topicsRegistered: true });
        }
        if (!this.props.nodeStore.websocketConnected && this.state.topicsRegistered) {
            this.setState({ topicsRegistered: false });
        }
    };

    render() {
        const rows = [];
        this.props.nodeStore.neighbor_metrics.forEach((v, k) => rows.push(<li key={k}>{k}</li>));
        return (
            <Container fluid>
                <h3>Neighbors ({rows.length})</h3>
                <ul>{rows}</ul>
            </Container>
        );
    }
}
