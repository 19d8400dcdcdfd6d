import React, { Component } from 'react'
import { connect } from 'react-redux'

class Header extends Component {
  constructor(props) {
    super(props)
    this.toggleDropdown = this.toggleDropdown.bind(this)
    this.state = { dropdownOpen: false }
    this.handleSidebarHide = this.handleSidebarHide.bind(this)
    this.handlePopstate = this.handlePopstate.bind(this)
  }

  handleSidebarHide() {
    document.body.classList.toggle('sidebar-hidden', true)
    document.body.classList.toggle('sidebar-mobile-show', false)
  }

  handlePopstate() {
    document.body.classList.toggle('sidebar-mobile-show', false)
  }

  componentDidMount() {
    window.addEventListener('sidebar:hide', this.handleSidebarHide)
    window.addEventListener('popstate', this.handlePopstate)
  }

  componentWillUnmount() {
    window.removeEventListener('sidebar:hide', this.handleSidebarHide)
    window.removeEventListener('popstate', this.handlePopstate)
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
