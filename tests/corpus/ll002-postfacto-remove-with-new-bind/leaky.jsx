import React from 'react';

const MOBILE_BREAKPOINT = 640;

export default class ShowRetroPage extends React.Component {
  constructor(props) {
    super(props);
    this.state = { isMobile640: window.innerWidth <= MOBILE_BREAKPOINT, items: props.retro.items };
  }

  componentDidMount() {
    // expect: LL002
    window.addEventListener('resize', this.handleResize.bind(this));
    this.props.retroActionCreators.getRetro(this.props.retroId);
  }

  componentWillUnmount() {
    window.removeEventListener('resize', this.handleResize.bind(this));
  }

  handleResize() {
    this.setState({ isMobile640: window.innerWidth <= MOBILE_BREAKPOINT });
  }

  render() {
    const columns = this.state.isMobile640 ? 1 : 3;
    return <div className={`retro-columns-${columns}`}>{this.state.items.length} items</div>;
  }
}
