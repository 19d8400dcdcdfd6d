import React, { Component } from 'react'
import { connect } from 'react-redux'

class Header extends Component {
  constructor(props) {
    super(props)
    this.toggleDropdown = this.toggleDropdown.bind(this)
    this.state = { dropdownOpen: false }
  }

  componentDidMount() {
    // expect: LL002
    window.addEventListener('sidebar:hide', () => {
      document.body.classList.toggle('sidebar-hidden', true)
      document.body.classList.toggle('sidebar-mobile-show', false)
    })

    // expect: LL002
    window.addEventListener('popstate', () => {
      document.body.classList.toggle('sidebar-mobile-show', false)
    })
  }

  toggleDropdown() {
    this.setState({ dropdownOpen: !this.state.dropdownOpen })
  }

  render() {
    return (
      <header className="app-header">
        <button onClick={this.toggleDropdown}>{this.props.loginStatus.username}</button>
      </header>
    )
  }
}

export default connect(({ loginStatus }) => ({ loginStatus }))(Header)
