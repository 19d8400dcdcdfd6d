import React, { Component } from 'react'

export default class Login extends Component {
  componentDidMount() {
    window.dispatchEvent(new Event('sidebar:hide'))
  }

  render() {
    return <form className="login" onSubmit={this.props.onSubmit} />
  }
}
