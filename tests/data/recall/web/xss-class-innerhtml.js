class SearchPage {
  constructor() {
    const p = new URLSearchParams(window.location.search);
    this.term = p.get('term') || '';
    this.out = document.querySelector('#summary');
  }

  render() {
    this.out.innerHTML = `Showing results for <em>${this.term}</em>`;
  }
}

new SearchPage().render();
