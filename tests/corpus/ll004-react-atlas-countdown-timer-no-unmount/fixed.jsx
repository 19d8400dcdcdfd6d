import React from 'react'
import PropTypes from 'prop-types'
import cx from 'classnames'
import Text from '../Text/Text.js'

export class Countdown extends React.PureComponent {
  constructor(props) {
    super(props)
    this.state = { remaining: this.props.seconds }
  }

  componentDidMount() {
    this.ticker = setInterval(this.tick, 1000)
  }

  componentWillUnmount() {
    clearInterval(this.ticker)
  }

  tick = () => {
    this.setState({ remaining: this.state.remaining - 1 })
    if (this.state.remaining <= 0) {
      this.setState({ remaining: this.props.seconds })
    }
  }

  render() {
    const { className, style } = this.props
    return (
      <div style={style} className={cx(className)}>
        <Text>{this.state.remaining}</Text>
      </div>
    )
  }
}

Countdown.propTypes = {
  className: PropTypes.string,
  seconds: PropTypes.number,
}

export default Countdown
