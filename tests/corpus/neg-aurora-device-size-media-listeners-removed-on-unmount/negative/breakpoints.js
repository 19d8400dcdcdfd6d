export default {
  small: "(min-width: 0px)",
  medium: "(min-width: 768px)",
  large: "(min-width: 1200px)"
};
