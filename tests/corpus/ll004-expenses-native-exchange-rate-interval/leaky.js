import React, { Component } from 'react';
import { Text, View } from 'react-native';
import cryptocoins from '../../services/cryptocoins';

export default class BitcoinExchangeRate extends Component {
  constructor(props) {
    super(props);
    this.state = { bitcoin: '' };
  }

  componentDidMount() {
    this.getBitcoin();
    // expect: LL004
    setInterval(() => this.getBitcoin(), 300000);
  }

  getBitcoin() {
    cryptocoins.foxbit().then((res) => {
      this.setState({ bitcoin: res.ticker_1h.BRL.last });
    });
  }

  render() {
    return (
      <View>
        <Text>{this.state.bitcoin}</Text>
      </View>
    );
  }
}
