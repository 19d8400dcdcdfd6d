/* global APP */

module.exports = {
  namespaces: [],
  init() {
    this.namespaces = ['common', 'auth']
    this.refreshNamespaces()
    return this
  },
  async loadLocale(locale) {
    const row = await APP.db.locales.findOne(locale)
    if (!row) return
    for (const ns of Object.keys(row.strings)) {
      if (!this.namespaces.includes(ns)) this.namespaces.push(ns)
      APP.i18n.addBundle(locale, ns, row.strings[ns])
    }
  },
  async refreshNamespaces() {
    await this.loadLocale(APP.config.lang)
    for (const extra of APP.config.extraLangs) {
      await this.loadLocale(extra)
    }
  }
}
