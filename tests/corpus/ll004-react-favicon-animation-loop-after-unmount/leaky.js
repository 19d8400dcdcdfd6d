var React = require('react');
var linkEl;

class Favicon extends React.Component {
  // expect: LL001
  static mountedInstances = [];

  static getActiveInstance() {
    return Favicon.mountedInstances[Favicon.mountedInstances.length - 1];
  }

  static draw() {
    var activeInstance = Favicon.getActiveInstance();
    if (typeof linkEl === 'undefined') {
      linkEl = document.createElement('link');
      linkEl.rel = 'icon';
      document.getElementsByTagName('head')[0].appendChild(linkEl);
    }
    var url = activeInstance.props.url;
    linkEl.href = url instanceof Array ? url[activeInstance.state.animationIndex] : url;
  }

  static update() {
    if (typeof document === 'undefined') return;

    var activeInstance = Favicon.getActiveInstance();
    var isAnimated = activeInstance.props.url instanceof Array && activeInstance.props.animated;

    // clear any running animations
    var intervalId = null;
    clearInterval(activeInstance.state.animationLoop);

    if (isAnimated) {
      var animateFavicon = function animateFavicon() {
        var nextAnimationIndex = (activeInstance.state.animationIndex + 1) % activeInstance.props.url.length;
        Favicon.draw();
        activeInstance.setState({ animationIndex: nextAnimationIndex });
      };
      // expect: LL004
      intervalId = setInterval(animateFavicon, activeInstance.props.animationDelay);
      animateFavicon();
    } else {
      Favicon.draw();
    }

    activeInstance.setState({ animationLoop: intervalId });
  }

  state = {
    animationIndex: 0,
    animationLoop: null,
  };

  componentWillMount() {
    Favicon.mountedInstances.push(this);
    Favicon.update();
  }

  componentDidUpdate(prevProps) {
    if (prevProps.url === this.props.url && prevProps.animated === this.props.animated) return;
    Favicon.update();
  }

  render() {
    return null;
  }
}

module.exports = Favicon;
