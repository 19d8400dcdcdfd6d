import React from 'react';

class Slider extends React.Component {
  constructor(props) {
    super(props);
    this.state = { currentSlide: 0 };
    this.next = this.next.bind(this);
  }

  componentDidMount() {
    const { autoSlide } = this.props;
    if (autoSlide) {
      this.autoSlider = setInterval(this.next, autoSlide);
    }
  }

  componentWillUnmount() {
    if (this.autoSlider) clearInterval(this.autoSlider);
  }

  next() {
    this.setState(({ currentSlide }) => ({
      currentSlide: (currentSlide + 1) % React.Children.count(this.props.children),
    }));
  }

  render() {
    const slides = React.Children.toArray(this.props.children);
    return <div className="slider">{slides[this.state.currentSlide]}</div>;
  }
}

export default Slider;
