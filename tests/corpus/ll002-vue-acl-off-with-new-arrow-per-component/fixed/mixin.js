import EventBus from 'vue-e-bus'
import { testPermission } from './checker'

let currentGlobal = []

EventBus.$on('vueacl-permission-changed', (newPermission) => {
  currentGlobal = newPermission
})

export const register = (initial, acceptLocalRules, globalRules, router, notfound) => {
  currentGlobal = Array.isArray(initial) ? initial : [initial]

  if (router !== null) {
    router.beforeEach((to, from, next) => {
      if (to.path === notfound.path) return next()
      let routePermission = to.meta.rule
      if (routePermission in globalRules) {
        routePermission = globalRules[routePermission]
      }
      if (!testPermission(currentGlobal, routePermission)) {
        return next(notfound.path)
      }
      return next()
    })
  }

  return {
    beforeCreate () {
      this.$acl = {
        change(param) {
          param = Array.isArray(param) ? param : [param]
          if (currentGlobal.toString() !== param.toString()) {
            EventBus.$emit('vueacl-permission-changed', param)
          }
        },
        get get () {
          return currentGlobal
        },
        check(rule) {
          return testPermission(currentGlobal, rule)
        }
      }
    },
    created () {
      EventBus.$on('vueacl-permission-changed', this.vue_aclOnChange)
    },
    destroyed() {
      EventBus.$off('vueacl-permission-changed', this.vue_aclOnChange)
    },
    methods: {
      vue_aclOnChange (newPermission) {
        currentGlobal = newPermission
        if ('onChange' in this.$acl) {
          this.$acl.onChange(currentGlobal)
        }
        this.$forceUpdate()
      }
    }
  }
}
