import React from 'react';
import { dataApi } from './CrudManager';

interface IProps { article: { _id: string; original_creator: string } }
interface IState { user: { display_name: string } | null }

export class CreatedInfo extends React.PureComponent<IProps, IState> {
    private _mounted = false;

    state: IState = { user: null };

    componentDidMount() {
        this._mounted = true;
        dataApi.findOne<{ display_name: string }>('users', this.props.article.original_creator).then((user) => {
            if (this._mounted) {
                this.setState({ user });
            }
        });
    }

    componentWillUnmount() {
        this._mounted = false;
    }

    render() {
        return this.state.user == null ? null : <span>{this.state.user.display_name}</span>;
    }
}
