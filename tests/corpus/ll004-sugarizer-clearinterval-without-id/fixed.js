const MySecurity = {
  name: 'MySecurity',
  template: `<div class="security"><password ref="password" @submit="save"></password></div>`,
  props: ['username'],
  data() {
    return { saving: false, focusTimer: null };
  },
  mounted() {
    this.focusTimer = setInterval(() => {
      if (this.$refs.password) {
        this.$refs.password.$refs.password.focus();
        clearInterval(this.focusTimer);
        this.focusTimer = null;
      }
    }, 1000);
  },
  beforeUnmount() {
    clearInterval(this.focusTimer);
  },
  methods: {
    save(password) {
      this.saving = true;
      this.$emit('changed', { username: this.username, password });
    },
  },
};

export default MySecurity;
