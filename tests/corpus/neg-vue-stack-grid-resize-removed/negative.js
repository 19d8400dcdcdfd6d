export default {
  name: 'Stack',
  props: {
    columnMinWidth: { type: Number, required: true },
    gutterWidth: { type: Number, default: 0 },
  },
  data() {
    return { columns: [], containerWidth: 0 };
  },
  mounted() {
    this.reflow();
    window.addEventListener('resize', this.reflow);
  },
  destroyed() {
    window.removeEventListener('resize', this.reflow);
  },
  methods: {
    reflow() {
      const container = this.$refs.container;
      if (!container) return;
      this.containerWidth = container.clientWidth;
      const count = Math.max(1, Math.floor(this.containerWidth / (this.columnMinWidth + this.gutterWidth)));
      this.columns = Array.from({ length: count }, () => []);
    },
  },
};
