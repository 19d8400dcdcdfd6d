import React, { useEffect, useState } from 'react';
import { ModalProps } from './types';
import Button from '../Button/Button';
import { DivStyledWrap, DivStyledContent } from './Modal.styles';

const Modal: React.FC<ModalProps> = ({
    children,
    id = String(Date.now()),
    isVisible = true,
    onCloseButtonPressed,
    title,
}: ModalProps) => {
    const [visible, setVisible] = useState(isVisible);

    useEffect(() => {
        document.addEventListener('click', handleContentClick);
        return () => document.removeEventListener('click', handleContentClick);
    }, []);

    const handleContentClick = (event: any) => {
        const target = event.target as Element;
        if (target.id === 'close') toggleVisibility();
    };

    useEffect(() => {
        setVisible(isVisible);
    }, [isVisible]);

    const toggleVisibility = () => {
        setVisible(!visible);
    };

    return (
        <DivStyledWrap id={id} isVisible={visible}>
            <DivStyledContent>
                <h3>{title}</h3>
                {children}
                <Button id="close" onClick={onCloseButtonPressed} text="Close" />
            </DivStyledContent>
        </DivStyledWrap>
    );
};

export default Modal;
