export default {
  template: '<div v-html="msg"></div>',
  data() { return { msg: new URLSearchParams(location.search).get('m') }; },
};
