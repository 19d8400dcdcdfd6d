export default {
  name: 'NoteEditor',
  data() {
    return { text: '', conflict: false }
  },
  mounted() {
    this.$root.$on('insertSnippet', this.insertSnippet)
    this.$root.$on('remoteConflict', this.markConflict)
    this.$root.$on('replaceText', this.replaceText)
  },
  beforeDestroy() {
    this.$root.$off('insertSnippet')
    this.$root.$off('remoteConflict', this.markConflict)
    this.$root.$off('replaceText', this.replaceText)
  },
  methods: {
    insertSnippet(snippet) {
      this.text += snippet
    },
    markConflict() {
      this.conflict = true
    },
    replaceText(value) {
      this.text = value
    }
  }
}
