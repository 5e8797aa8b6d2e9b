package model

// CreatableTypes returns the types the user may generate, as the web page (TokensForm.tsx).
func CreatableTypes(caps Capabilities, me CurrentUser, scannableProjects int, forOtherUser bool) []TokenType {
	if !caps.TokenTypes {
		return nil
	}
	if forOtherUser {
		return []TokenType{TypeUser}
	}
	types := make([]TokenType, 0, 3)
	if scannableProjects > 0 {
		types = append(types, TypeProject)
	}
	if me.CanScan() {
		types = append(types, TypeGlobal)
	}
	return append(types, TypeUser)
}
