package app

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestUseCasesTakePermitsFromAuthorize: no use case makes a permit of its
// own. access.System and access.SystemBulk are for work no user asks for (the Demo City loader, the
// benchmark, store tests); a use case that called it would read a child's
// record without having asked Authorize, which is what permits prevent.
func TestUseCasesTakePermitsFromAuthorize(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "access" && (sel.Sel.Name == "System" || sel.Sel.Name == "SystemBulk") {
					t.Errorf("%s: a use case makes its own permit with access.%s; take Decision.Permit or Decision.Bulk from access.Authorize", fset.Position(sel.Pos()), sel.Sel.Name)
				}
			}
			return true
		})
	}
}
