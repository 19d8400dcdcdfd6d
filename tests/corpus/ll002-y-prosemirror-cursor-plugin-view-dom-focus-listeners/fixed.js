import { Plugin, PluginKey } from 'prosemirror-state'
import { ySyncPluginKey } from './keys.js'

export const yCursorPluginKey = new PluginKey('yjs-cursor')

export const yCursorPlugin = (awareness, { getSelection = state => state.selection } = {}, cursorStateField = 'cursor') => new Plugin({
  key: yCursorPluginKey,
  props: {
    decorations: state => yCursorPluginKey.getState(state)
  },
  view: view => {
    const awarenessListener = () => {
      if (view.docView) {
        view.dispatch(view.state.tr.setMeta(yCursorPluginKey, { awarenessUpdated: true }))
      }
    }
    const updateCursorInfo = () => {
      const ystate = ySyncPluginKey.getState(view.state)
      const current = awareness.getLocalState() || {}
      if (view.hasFocus() && ystate.binding !== null) {
        const selection = getSelection(view.state)
        awareness.setLocalStateField(cursorStateField, { anchor: selection.anchor, head: selection.head })
      } else if (current.cursor != null) {
        awareness.setLocalStateField(cursorStateField, null)
      }
    }
    awareness.on('change', awarenessListener)
    view.dom.addEventListener('focusin', updateCursorInfo)
    view.dom.addEventListener('focusout', updateCursorInfo)
    return {
      update: updateCursorInfo,
      destroy: () => {
        view.dom.removeEventListener('focusin', updateCursorInfo)
        view.dom.removeEventListener('focusout', updateCursorInfo)
        awareness.off('change', awarenessListener)
        awareness.setLocalStateField(cursorStateField, null)
      }
    }
  }
})
