import React from 'react';
import { dataApi } from './CrudManager';

interface IProps { items: Array<{ _id: string }>; onOpen(item: unknown): void }

export class ArticlesList extends React.Component<IProps> {
    openItem(id: string) {
        dataApi.findOne('search', id).then((itemWithAllFields) => {
            this.props.onOpen(itemWithAllFields);
        });
    }

    render() {
        return (
            <ul>
                {this.props.items.map((item) => (
                    <li key={item._id} onDoubleClick={() => this.openItem(item._id)}>{item._id}</li>
                ))}
            </ul>
        );
    }
}
