const objectStore = require('../objectStore')
const javascriptContext = require('../scripting-engines/vm-javascript-sandbox')

const executeScripts = async (curEvent, req) => {
  if (curEvent.params.scripts && curEvent.params.scripts.exec && curEvent.params.scripts.exec.length > 0) {
    const sandboxEnvironment = objectStore.get('inboundEnvironment')
    const contextObj = await javascriptContext.generateContextObj(sandboxEnvironment)
    contextObj.request = { body: JSON.stringify(req.payload), method: req.method, headers: req.headers }
    contextObj.ctx.dispose()
    contextObj.ctx = null
  }
}

const responseRules = async (context, req) => {
  const curEvent = context.rule && context.rule.event
  if (curEvent) {
    await executeScripts(curEvent, req)
    return curEvent.params
  }
  return null
}

module.exports = {
  responseRules
}
