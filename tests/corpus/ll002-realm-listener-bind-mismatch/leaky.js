import React, { Component } from 'react';
import { FlatList, Text } from 'react-native';
import Realm from 'realm';

export default class TodoList extends Component {
  constructor(props) {
    super(props);
    this.state = { todos: Realm.objects('Todo').slice() };
  }

  componentDidMount() {
    // expect: LL002
    Realm.addListener('change', this.realmChanged.bind(this));
  }

  componentWillUnmount() {
    Realm.removeListener('change', this.realmChanged.bind(this));
  }

  realmChanged() {
    this.setState({ todos: Realm.objects('Todo').slice() });
  }

  render() {
    return <FlatList data={this.state.todos} renderItem={({ item }) => <Text>{item.title}</Text>} />;
  }
}
