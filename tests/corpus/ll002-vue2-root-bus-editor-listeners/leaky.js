export default {
  name: 'NoteEditor',
  data() {
    return { text: '', conflict: false }
  },
  mounted() {
    this.$root.$on('insertSnippet', this.insertSnippet)
    // expect: LL002
    this.$root.$on('remoteConflict', () => {
      this.conflict = true
    })
    // expect: LL002
    this.$root.$on('replaceText', (value) => {
      this.text = value
    })
  },
  beforeDestroy() {
    this.$root.$off('insertSnippet')
  },
  methods: {
    insertSnippet(snippet) {
      this.text += snippet
    }
  }
}
