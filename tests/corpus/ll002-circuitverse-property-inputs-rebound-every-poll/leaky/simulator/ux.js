import workspace from './workspace'
import { scheduleRedraw, projectSettings } from './engine'

let previousSelection

export function rememberSelection(obj) {
  previousSelection = obj
}

export function onPropertyInput() {
  scheduleRedraw()
  let value = this.value
  if (this.type === 'number') value = parseFloat(value)
  const target = workspace.lastSelected
  if (target && target[this.name]) target[this.name](value)
  else projectSettings[this.name](value)
}

export function onPropertyToggle() {
  scheduleRedraw()
  const target = workspace.lastSelected
  if (target && target[this.name]) target[this.name](this.value)
  else projectSettings[this.name](this.checked)
}

export function refreshPropertyBindings() {
  // expect: LL002
  $('.propertyInput').on('change keyup paste click', onPropertyInput)
  // expect: LL002
  $('.propertyToggle').on('change keyup paste click', onPropertyToggle)
}
