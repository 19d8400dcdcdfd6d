import * as React from 'react'
import { ipcRenderer, remote } from 'electron'

const defaultPollInterval = 1000

export interface DatasetProps {
  setActiveTab: (tab: string) => void
  fetchWorkingStatus: () => void
}

class Dataset extends React.Component<DatasetProps> {
  statusInterval: any

  constructor (props: DatasetProps) {
    super(props)
    this.handleShowStatus = this.handleShowStatus.bind(this)
    this.handleShowHistory = this.handleShowHistory.bind(this)
    this.handleReload = this.handleReload.bind(this)
  }

  componentDidMount () {
    this.statusInterval = setInterval(() => {
      this.props.fetchWorkingStatus()
    }, defaultPollInterval)

    ipcRenderer.on('show-status', this.handleShowStatus)
    ipcRenderer.on('show-history', this.handleShowHistory)
    ipcRenderer.on('reload', this.handleReload)
  }

  componentWillUnmount () {
    clearInterval(this.statusInterval)
    ipcRenderer.removeListener('show-status', this.handleShowStatus)
    ipcRenderer.removeListener('show-history', this.handleShowHistory)
    ipcRenderer.removeListener('reload', this.handleReload)
  }

  handleShowStatus () {
    this.props.setActiveTab('status')
  }

  handleShowHistory () {
    this.props.setActiveTab('history')
  }

  handleReload () {
    remote.getCurrentWindow().reload()
  }

  render () {
    return <div className='dataset' />
  }
}

export default Dataset
