package api

import (
	"net/http"
	"time"

	"hearth/internal/app"
	"hearth/internal/education"
	"hearth/internal/people"
)

// cmeRoutes are the CME team's queue of what the public form receives:
// the open referrals, one referral with its history, and matching one to
// a child or closing it. Only members of the team named as the CME team
// are answered; anyone else is told "not found" for the queue and every
// referral alike (app.CMEReferrals).
func (x *API) cmeRoutes() []route {
	return []route{
		{http.MethodGet, "/cme-referrals", x.cmeReferrals},
		{http.MethodGet, "/cme-referrals/{id}", x.cmeReferral},
		{http.MethodPost, "/cme-referrals/{id}/match", x.matchCMEReferral},
		{http.MethodPost, "/cme-referrals/{id}/close", x.closeCMEReferral},
	}
}

type (
	// cmeReferralOut is a referral as the API shows it, with whether it
	// was sent faster than a person types.
	cmeReferralOut struct {
		education.CMEReferral
		Hurried bool `json:"hurried"`
	}
	cmeQueue struct {
		At        time.Time        `json:"at"`
		Referrals []cmeReferralOut `json:"referrals"`
	}
	cmeReferralVersion struct {
		saved
		Referral education.CMEReferral `json:"referral"`
	}
	cmeReferralPage struct {
		Referral cmeReferralOut       `json:"referral"`
		History  []cmeReferralVersion `json:"history"`
	}
	// cmeMatch matches a referral, read at version, to a child; added says
	// the child was added to the register from it.
	cmeMatch struct {
		Version  int       `json:"version"`
		PersonID people.ID `json:"person_id"`
		Added    bool      `json:"added"`
		Reason   string    `json:"reason"`
	}
	// cmeClose closes a referral, read at version, for one of
	// education.ReferralCloseReasons and the reason typed.
	cmeClose struct {
		Version     int    `json:"version"`
		CloseReason string `json:"close_reason"`
		Reason      string `json:"reason"`
	}
)

func cmeOut(r education.CMEReferral) cmeReferralOut {
	return cmeReferralOut{CMEReferral: r, Hurried: r.Hurried()}
}

// cmeReferrals: GET /api/v1/cme-referrals.
func (x *API) cmeReferrals(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	q, err := x.app.CMEReferrals(r.Context(), ac)
	if err != nil {
		return err
	}
	out := cmeQueue{At: q.At, Referrals: make([]cmeReferralOut, 0, len(q.Referrals))}
	for _, ref := range q.Referrals {
		out.Referrals = append(out.Referrals, cmeOut(ref))
	}
	x.writeJSON(w, r, http.StatusOK, out)
	return nil
}

// writeCMEReferral reads the referral id and writes it with its history.
func (x *API) writeCMEReferral(w http.ResponseWriter, r *http.Request, ac app.Actor, id education.CMEReferralID) error {
	p, err := x.app.CMEReferral(r.Context(), ac, id)
	if err != nil {
		return err
	}
	out := cmeReferralPage{Referral: cmeOut(p.Referral), History: make([]cmeReferralVersion, 0, len(p.History))}
	for _, v := range p.History {
		out.History = append(out.History, cmeReferralVersion{saved: savedOf(v), Referral: v.Record})
	}
	x.writeJSON(w, r, http.StatusOK, out)
	return nil
}

// cmeReferral: GET /api/v1/cme-referrals/{id}.
func (x *API) cmeReferral(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	return x.writeCMEReferral(w, r, ac, education.CMEReferralID(id))
}

// matchCMEReferral: POST /api/v1/cme-referrals/{id}/match. A stale
// version is refused with 409; the answer is the referral as it now
// stands.
func (x *API) matchCMEReferral(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var req cmeMatch
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	if err := x.app.MatchCMEReferral(r.Context(), ac, education.CMEReferralID(id), req.Version, req.PersonID, req.Added, req.Reason); err != nil {
		return err
	}
	return x.writeCMEReferral(w, r, ac, education.CMEReferralID(id))
}

// closeCMEReferral: POST /api/v1/cme-referrals/{id}/close, as
// matchCMEReferral.
func (x *API) closeCMEReferral(w http.ResponseWriter, r *http.Request, ac app.Actor) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var req cmeClose
	if err := decodeBody(w, r, &req); err != nil {
		return err
	}
	if err := x.app.CloseCMEReferral(r.Context(), ac, education.CMEReferralID(id), req.Version, req.CloseReason, req.Reason); err != nil {
		return err
	}
	return x.writeCMEReferral(w, r, ac, education.CMEReferralID(id))
}
