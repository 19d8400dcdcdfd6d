import React, { Component } from 'react'
import isEqual from 'lodash.isequal'

export default class SeriesProvider extends Component {
  state = { xDomain: this.props.xDomain, loaded: {} }

  async componentDidMount() {
    await Promise.all(this.props.series.map((s) => this.load(s.id, 'MOUNTED')))
    this.beginRefresh()
  }

  async componentDidUpdate(prevProps) {
    const { refreshEvery } = this.props
    if (refreshEvery !== prevProps.refreshEvery) {
      if (prevProps.refreshEvery) clearInterval(this.refreshTimer)
      if (refreshEvery) this.beginRefresh()
    }
    if (!isEqual(this.props.xDomain, prevProps.xDomain)) {
      this.setState({ xDomain: this.props.xDomain, loaded: {} })
      if (this.refreshTimer) clearInterval(this.refreshTimer)
      this.beginRefresh()
    }
  }

  componentWillUnmount() {
    clearInterval(this.refreshTimer)
  }

  load = async (id, reason) => {
    const points = await this.props.fetch(id, this.state.xDomain, reason)
    this.setState(({ loaded }) => ({ loaded: { ...loaded, [id]: points } }))
  }

  beginRefresh = () => {
    const { refreshEvery } = this.props
    if (refreshEvery) {
      clearInterval(this.refreshTimer)
      this.refreshTimer = setInterval(() => {
        const xDomain = this.state.xDomain.map((d) => d + refreshEvery)
        this.setState({ xDomain }, () => {
          this.props.series.forEach((s) => this.load(s.id, 'INTERVAL'))
        })
      }, refreshEvery)
    }
  }

  render() {
    return this.props.children(this.state)
  }
}
