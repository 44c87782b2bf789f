module github.com/cryptotopcard/cryptotopcard-go

go 1.24
