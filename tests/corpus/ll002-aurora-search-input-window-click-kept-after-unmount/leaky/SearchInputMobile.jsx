import React from "react";
import SearchInput from "./SearchInput";

function withMobile(SearchComponent) {
  return class extends React.Component {
    state = { isMobileVisible: false };

    openSearch = () => {
      this.setState({ isMobileVisible: true });
    };

    cancelClick = () => {
      this.setState({ isMobileVisible: false });
    };

    render() {
      const { isMobileVisible } = this.state;
      return (
        <React.Fragment>
          {!isMobileVisible && <SearchComponent {...this.props} onFocus={this.openSearch} />}
          {isMobileVisible && <SearchComponent {...this.props} onBlur={this.cancelClick} isMobile />}
        </React.Fragment>
      );
    }
  };
}

export default withMobile(SearchInput);
