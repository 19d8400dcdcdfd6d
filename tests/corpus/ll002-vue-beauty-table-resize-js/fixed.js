import debounce from 'lodash/debounce';

export default {
  name: 'DataTable',
  props: {
    columns: { type: Array, required: true },
    data: { type: Array, default: () => [] },
  },
  data() {
    return { bodyWidth: 0, scrollbarWidth: 0 };
  },
  created() {
    this.debounceCalculate = debounce(this.calculateSize, 100);
  },
  mounted() {
    this.calculateSize();
    window.addEventListener('resize', this.debounceCalculate);
  },
  beforeDestroy() {
    window.removeEventListener('resize', this.debounceCalculate);
  },
  methods: {
    calculateSize() {
      const body = this.$refs.body;
      if (!body) return;
      this.bodyWidth = body.clientWidth;
      this.scrollbarWidth = body.offsetWidth - body.clientWidth;
    },
  },
};
