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
  $('.propertyInput').off('change keyup paste click', onPropertyInput)
  $('.propertyInput').on('change keyup paste click', onPropertyInput)
  $('.propertyToggle').off('change keyup paste click', onPropertyToggle)
  $('.propertyToggle').on('change keyup paste click', onPropertyToggle)
}
