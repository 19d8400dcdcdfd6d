import React, { Component } from 'react'
import { isClient } from '../../lib/executionEnvironment';

const isReady = () =>
  typeof window !== 'undefined' &&
  typeof (window as any).grecaptcha !== 'undefined' &&
  typeof (window as any).grecaptcha.execute !== 'undefined'

let readyCheck

interface ReCaptchaProps {
  elementID?: string,
  verifyCallback: (token: string) => void,
  sitekey?: string,
  action: string,
}
interface ReCaptchaState {
  ready: boolean,
}
class ReCaptcha extends Component<ReCaptchaProps, ReCaptchaState> {
  constructor (props: ReCaptchaProps) {
    super(props)
    this.execute = this.execute.bind(this)
    this.state = {
      ready: isReady()
    }
    if (isClient && !this.state.ready) {
      readyCheck = setInterval(this._updateReadyState.bind(this), 1000)
    }
  }

  componentDidMount () {
    if (this.state.ready) {
      this.execute()
    }
  }

  componentWillUnmount () {
    clearInterval(readyCheck)
  }

  execute () {
    const { sitekey, verifyCallback, action } = this.props
    if (this.state.ready) {
      (window as any).grecaptcha.execute(sitekey, { action })
        .then(token => verifyCallback(token))
    }
  }

  _updateReadyState () {
    if (isReady()) {
      this.setState(() => ({ ready: true }))
      clearInterval(readyCheck)
    }
  }

  render () {
    return <div id={this.props.elementID} className='g-recaptcha' />
  }
}

export default ReCaptcha
