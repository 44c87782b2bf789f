// Command ctcgen writes models_gen.go and resources_gen.go from the OpenAPI spec.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/cryptotopcard/cryptotopcard-go/internal/codegen"
)

func main() {
	spec := flag.String("spec", "../spec/openapi.yaml", "OpenAPI document")
	out := flag.String("out", ".", "output directory")
	flag.Parse()
	src, err := os.ReadFile(*spec)
	if err != nil {
		fmt.Fprintln(os.Stderr, "ctcgen:", err)
		os.Exit(1)
	}
	files, err := codegen.Generate(src)
	if err != nil {
		fmt.Fprintln(os.Stderr, "ctcgen:", err)
		os.Exit(1)
	}
	for _, name := range files.Files() {
		if err := os.WriteFile(filepath.Join(*out, name), files[name], 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "ctcgen:", err)
			os.Exit(1)
		}
	}
}
