class Pager {
  constructor() {
    const p = new URLSearchParams(window.location.search);
    this.page = Number(p.get('page')) || 1;
    this.out = document.querySelector('#pager');
  }

  render() {
    this.out.innerHTML = `Page <b>${this.page}</b>`;
  }
}

new Pager().render();
