module github.com/cryptotopcard/cryptotopcard-go/bench

go 1.24

require github.com/cryptotopcard/cryptotopcard-go v0.1.0

replace github.com/cryptotopcard/cryptotopcard-go => ../../bindings-go
