import { _install } from './install'

let options = { initial: '', router: null, notfound: { path: '' } }
let Vue

export const AclInstaller = (_Vue) => {
  Vue = _Vue
  _install(_Vue, options)
}

export class AclCreate {
  constructor(_options) {
    options = _options
    _install(Vue, options)
  }
}
