package dev.kaiko.web.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Marks an admin endpoint: the caller's identity must have the role {@code admin} (an admin token, presented as
 * {@code Authorization: Bearer} on the API or through the login session on /admin). See {@link AdminOnlyFilter}.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AdminOnly {}
