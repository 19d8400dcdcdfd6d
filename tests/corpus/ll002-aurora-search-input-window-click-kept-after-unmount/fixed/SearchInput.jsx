import React, { Component } from "react";

class SearchInput extends Component {
  constructor(props) {
    super(props);
    this.state = { isFocused: false };
    this.inputRef = React.createRef();
    this.inputClicked = false;
  }

  componentWillUnmount() {
    global.window.removeEventListener("click", this.windowClick);
  }

  containerClick = () => {
    this.inputClicked = true;
    global.window.removeEventListener("click", this.windowClick);
    global.window.addEventListener("click", this.windowClick);
  };

  windowClick = () => {
    if (!this.inputClicked) {
      this.blurInput();
    }
    this.inputClicked = false;
  };

  blurInput = () => {
    global.window.removeEventListener("click", this.windowClick);
    if (this.state.isFocused) {
      this.setState({ isFocused: false });
      this.props.onBlur();
    }
  };

  focusInput = () => {
    if (!this.state.isFocused) {
      this.setState({ isFocused: true }, () => this.inputRef.current.focus());
      this.props.onFocus();
    }
  };

  render() {
    return (
      <div onClick={this.containerClick}>
        <input ref={this.inputRef} onFocus={this.focusInput} value={this.props.value} onChange={this.props.onChange} />
      </div>
    );
  }
}

SearchInput.defaultProps = { onFocus: () => {}, onBlur: () => {} };

export default SearchInput;
