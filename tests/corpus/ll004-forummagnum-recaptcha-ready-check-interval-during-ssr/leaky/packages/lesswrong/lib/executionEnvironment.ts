declare global {
  var bundleIsServer: boolean
}

export const isClient = !bundleIsServer
export const isServer = bundleIsServer
