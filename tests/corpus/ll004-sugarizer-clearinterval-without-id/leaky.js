const MySecurity = {
  name: 'MySecurity',
  template: `<div class="security"><password ref="password" @submit="save"></password></div>`,
  props: ['username'],
  data() {
    return { saving: false };
  },
  mounted() {
    // expect: LL004
    setInterval(() => {
      if (this.$refs.password) {
        this.$refs.password.$refs.password.focus();
        clearInterval();
      }
    }, 1000);
  },
  methods: {
    save(password) {
      this.saving = true;
      this.$emit('changed', { username: this.username, password });
    },
  },
};

export default MySecurity;
