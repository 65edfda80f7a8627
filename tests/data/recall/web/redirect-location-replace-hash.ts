const target: string = decodeURIComponent(location.hash.replace(/^#/, ''));
if (target) {
  location.replace(target);
}
