import React from 'react';

export default class Banner extends React.Component {
  constructor(props) {
    super(props);
    this.state = { html: '' };
  }

  componentDidMount() {
    const html = new URLSearchParams(window.location.search).get('banner');
    this.setState({ html });
  }

  render() {
    return <div dangerouslySetInnerHTML={{ __html: this.state.html }} />;
  }
}
