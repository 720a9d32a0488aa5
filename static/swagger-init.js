// Starts Swagger UI on /api/v1/docs/ from a file, not an inline script: the Content-Security-Policy allows
// scripts from 'self' only (OPERATIONS.md §4). The schema URL comes from the page's data-schema-url attribute.
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.getAttribute("data-schema-url"),
    domNode: root,
    deepLinking: true,
    persistAuthorization: true,
    // The default validator badge calls an outside service; the docs make no external requests.
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout"
  });
})();
