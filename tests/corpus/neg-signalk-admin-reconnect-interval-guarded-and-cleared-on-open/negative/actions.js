export function openServerEventsConnection(dispatch, isReconnect) {
  const proto = window.location.protocol === 'https:' ? 'wss' : 'ws'
  const ws = new WebSocket(`${proto}://${window.location.host}/signalk/v1/stream?serverevents=all`)

  ws.onmessage = (msg) => {
    const data = JSON.parse(msg.data)
    if (data.type) dispatch(data)
  }
  ws.onclose = () => {
    dispatch({ type: 'WEBSOCKET_CLOSE' })
  }
  ws.onerror = () => {
    dispatch({ type: 'WEBSOCKET_ERROR' })
  }
  ws.onopen = () => {
    dispatch({ type: 'WEBSOCKET_OPEN', data: ws })
    if (isReconnect) window.location.reload()
  }
}
