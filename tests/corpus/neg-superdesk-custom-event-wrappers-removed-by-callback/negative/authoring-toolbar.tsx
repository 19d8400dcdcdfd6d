import React from 'react';
import { addEventListener, removeEventListener, IEvents } from './events';

interface IState { editing: string | null }

export class AuthoringToolbar extends React.Component<{}, IState> {
    state: IState = { editing: null };

    onEditStart = (article: IEvents['articleEditStart']) => {
        this.setState({ editing: article._id });
    };

    onEditEnd = () => {
        this.setState({ editing: null });
    };

    componentDidMount() {
        addEventListener('articleEditStart', this.onEditStart);
        addEventListener('articleEditEnd', this.onEditEnd);
    }

    componentWillUnmount() {
        removeEventListener('articleEditStart', this.onEditStart);
        removeEventListener('articleEditEnd', this.onEditEnd);
    }

    render() {
        return <div className="authoring-toolbar">{this.state.editing ?? ''}</div>;
    }
}
