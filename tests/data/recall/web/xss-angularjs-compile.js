angular.module('app').directive('banner', ['$compile', '$routeParams', function ($compile, $routeParams) {
  return {
    link: function (scope, element) {
      var html = '<div class="banner">' + $routeParams.title + '</div>';
      element.append($compile(html)(scope));
    },
  };
}]);
