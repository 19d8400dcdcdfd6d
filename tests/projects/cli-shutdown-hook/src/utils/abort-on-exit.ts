import ExitHooks from "./exit-hooks.js"

export default (hooks: ExitHooks) => {
  const controller = new AbortController()
  hooks.onExit(() => controller.abort())
  return controller
}
