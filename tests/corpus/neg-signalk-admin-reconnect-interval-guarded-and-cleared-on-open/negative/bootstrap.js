import { createStore } from 'redux'
import { openServerEventsConnection } from './actions'

const initialState = {
  websocketStatus: 'initial',
  webSocket: null,
  restarting: false
}

const store = createStore((state = initialState, action) => {
  if (action.type === 'WEBSOCKET_OPEN') {
    if (state.webSocketTimer) {
      clearInterval(state.webSocketTimer)
      delete state.webSocketTimer
    }
    if (state.restarting) {
      state.restarting = false
    }
    return { ...state, websocketStatus: 'open', webSocket: action.data }
  }
  if (action.type === 'WEBSOCKET_CLOSE') {
    if (!state.webSocketTimer) {
      state.webSocketTimer = setInterval(() => {
        console.log(`retry...`)
        openServerEventsConnection(store.dispatch, true)
      }, 5 * 1000)
    }
    return { ...state, websocketStatus: 'closed', webSocket: null }
  }
  if (action.type === 'LOGIN_SUCCESS') {
    if (state.webSocket) {
      state.webSocket.onclose = undefined
      state.webSocket.close()
    }
    openServerEventsConnection(store.dispatch)
    return state
  }
  return state
})

openServerEventsConnection(store.dispatch)

export default store
