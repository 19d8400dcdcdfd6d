import * as React from 'react'
import { ipcRenderer, remote } from 'electron'

const defaultPollInterval = 1000

export interface DatasetProps {
  setActiveTab: (tab: string) => void
  fetchWorkingStatus: () => void
}

class Dataset extends React.Component<DatasetProps> {
  statusInterval: any

  componentDidMount () {
    // poll for status
    this.statusInterval = setInterval(() => {
      this.props.fetchWorkingStatus()
    }, defaultPollInterval)

    // electron menu events
    // expect: LL002
    ipcRenderer.on('show-status', () => {
      this.props.setActiveTab('status')
    })

    // expect: LL002
    ipcRenderer.on('show-history', () => {
      this.props.setActiveTab('history')
    })

    // expect: LL002
    ipcRenderer.on('reload', () => {
      remote.getCurrentWindow().reload()
    })
  }

  componentWillUnmount () {
    clearInterval(this.statusInterval)
  }

  render () {
    return <div className='dataset' />
  }
}

export default Dataset
