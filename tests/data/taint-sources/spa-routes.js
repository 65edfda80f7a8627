// AngularJS ($location, $routeParams, $stateParams) and Vue Router.
angular.module('app').controller('Search', function ($scope, $sce, $location, $routeParams) {
  // ruleid: test.sources.spa-routes
  $scope.html = $sce.trustAsHtml($location.search().q);
  // ruleid: test.sources.spa-routes
  $scope.title = $sce.trustAsHtml($routeParams.title);
  // ruleid: test.sources.spa-routes
  $scope.frag = $sce.trustAsHtml($location.hash());
  // ok: test.sources.spa-routes
  $scope.fixed = $sce.trustAsHtml('<b>' + $scope.count + '</b>');
});

angular.module('app').controller('Item', function ($scope, $sce, $stateParams) {
  // ruleid: test.sources.spa-routes
  $scope.item = $sce.trustAsHtml($stateParams.name);
  // ok: test.sources.spa-routes
  $scope.item2 = $sce.trustAsHtml($scope.name);
});

const { useRoute } = require('vue-router');

export default {
  mounted() {
    // ruleid: test.sources.spa-routes
    this.$el.innerHTML = this.$route.query.q;
    // ok: test.sources.spa-routes
    this.$el.innerHTML = this.$store.state.banner;
  },
  setup() {
    const route = useRoute();
    // ruleid: test.sources.spa-routes
    document.body.innerHTML = route.params.slug;
    const other = { query: { q: '<b>x</b>' } };
    // ok: test.sources.spa-routes
    document.body.innerHTML = other.query.q;
  },
};
