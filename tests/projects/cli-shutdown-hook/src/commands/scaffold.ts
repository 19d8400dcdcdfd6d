import ExitHooks from "../utils/exit-hooks.js"
import abortOnExit from "../utils/abort-on-exit.js"

export default async ({ name }: { name: string }) => {
  const hooks = new ExitHooks()
  const controller = abortOnExit(hooks)
  hooks.onExit(async () => {
    console.log(`stopped scaffolding ${name}`)
  })
  const response = await fetch(`https://registry.example.com/templates/${name}`, { signal: controller.signal })
  console.log(await response.text())
}
