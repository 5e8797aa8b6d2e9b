package common

// CloudRule explains SonarQube Cloud's 60-day rule (model.CloudInactivity)
// in a sentence, for the detail view and the help.
const CloudRule = "SonarQube Cloud removes a token that has not been used for 60 days (counted from its creation if it was never used). Using it resets the count."
