/* global window */
import React from "react";
import { Provider } from "./Context";
import breakpoints from "./breakpoints";

export default class DeviceSizeProvider extends React.Component {
  static defaultProps = { cssOnly: false };

  state = { isInitialized: false, isSmall: true, isMedium: false, isLarge: false, cssOnly: false };

  componentDidMount() {
    if (typeof window === "undefined" || typeof window.matchMedia !== "function") return;

    if (this.props.cssOnly) {
      this.setSize();
      return;
    }

    this.smallMedia = window.matchMedia(breakpoints.small);
    this.mediumMedia = window.matchMedia(breakpoints.medium);
    this.largeMedia = window.matchMedia(breakpoints.large);

    this.smallMedia.addListener(this.setSize);
    this.mediumMedia.addListener(this.setSize);
    this.largeMedia.addListener(this.setSize);
    this.setSize();
  }

  componentDidUpdate() {
    if (!this.props.cssOnly) return;
    this.unsubscribe();
  }

  componentWillUnmount() {
    this.unsubscribe();
  }

  setSize = () => {
    if (this.props.cssOnly) {
      this.setState(() => ({ cssOnly: true }));
      return;
    }
    this.setState(() => ({
      isInitialized: true,
      isSmall: this.smallMedia.matches && !this.mediumMedia.matches,
      isMedium: this.mediumMedia.matches && !this.largeMedia.matches,
      isLarge: this.largeMedia.matches,
      cssOnly: false
    }));
  };

  unsubscribe = () => {
    if (this.smallMedia) this.smallMedia.removeListener(this.setSize);
    if (this.mediumMedia) this.mediumMedia.removeListener(this.setSize);
    if (this.largeMedia) this.largeMedia.removeListener(this.setSize);
  };

  render() {
    return <Provider value={this.state}>{this.props.children}</Provider>;
  }
}
